module example.com/gensibling

go 1.26

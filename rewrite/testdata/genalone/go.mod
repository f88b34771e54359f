module example.com/genalone

go 1.26

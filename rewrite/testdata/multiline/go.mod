module example.com/multiline

go 1.26

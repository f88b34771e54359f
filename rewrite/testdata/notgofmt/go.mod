module example.com/notgofmt

go 1.26

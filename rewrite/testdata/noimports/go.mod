module example.com/noimports

go 1.26

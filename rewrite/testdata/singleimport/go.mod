module example.com/singleimport

go 1.26

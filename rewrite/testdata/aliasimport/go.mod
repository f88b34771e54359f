module example.com/aliasimport

go 1.26

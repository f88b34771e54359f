module example.com/aliaslocal

go 1.26

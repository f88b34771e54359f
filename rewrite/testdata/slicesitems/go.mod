module example.com/slicesitems

go 1.26

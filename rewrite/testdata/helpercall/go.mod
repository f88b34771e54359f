module example.com/helpercall

go 1.26

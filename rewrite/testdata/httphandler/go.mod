module example.com/httphandler

go 1.26

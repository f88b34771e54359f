module example.com/twofixes

go 1.26

module example.com/shapes

go 1.26

require github.com/redis/go-redis/v9 v9.23.0

// The stub is copied here by the tests, from analyzers/tenantcache/testdata/src of tenantlint.
replace github.com/redis/go-redis/v9 => ./stubs/redis

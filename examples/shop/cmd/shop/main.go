// Command shop runs the shop's HTTP API.
package main

import (
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/redis/go-redis/v9"

	"example.com/shop/internal/handlers"
	"example.com/shop/internal/platform"
)

func main() {
	// Neither client connects until its first command.
	rdb := redis.NewClient(&redis.Options{Addr: env("REDIS_ADDR", "localhost:6379")})
	mc := memcache.New(env("MEMCACHE_ADDR", "localhost:11211"))
	limiter := platform.NewRateLimiter(rdb, 100, time.Minute)
	h := handlers.New(rdb, mc)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /products/{id}", h.GetProduct)
	mux.HandleFunc("GET /products/{id}/name", h.GetProductName)
	mux.HandleFunc("DELETE /products/{id}/cache", h.DeleteProduct)
	mux.HandleFunc("GET /recent", h.Recent)
	mux.HandleFunc("GET /flags", h.Flags)

	go func() {
		for range time.Tick(10 * time.Minute) {
			if err := handlers.WarmCache(rdb); err != nil {
				log.Printf("warm cache: %v", err)
			}
		}
	}()

	addr := env("ADDR", ":8080")
	log.Printf("listening on %s", addr)
	log.Fatal(http.ListenAndServe(addr, rateLimit(limiter, handlers.WithTenant(mux))))
}

// rateLimit rejects clients that exceed the limiter's rate.
func rateLimit(l *platform.RateLimiter, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip, _, _ := net.SplitHostPort(r.RemoteAddr)
		if ok, err := l.Allow(r.Context(), ip); err == nil && !ok {
			http.Error(w, "too many requests", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

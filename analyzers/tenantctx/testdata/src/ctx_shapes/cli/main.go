// Command cli has no tenant context anywhere: nothing to lose, no finding.
package main

import (
	"context"
	"os"

	"ctx_shapes/tenant"
)

var orders = &tenant.Repository[struct{ ID string }]{}

func init() {
	orders.Get(context.Background(), "warm-up")
}

func main() {
	ctx := context.Background()
	if err := run(ctx, os.Args[1:]); err != nil {
		os.Exit(1)
	}
}

// run's ctx is a parameter, so it counts, and passing it on is fine.
func run(ctx context.Context, args []string) error {
	for _, id := range args {
		if _, err := orders.Get(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

func migrate(ids []string) {
	tctx := context.TODO()
	for _, id := range ids {
		orders.Get(tctx, id)
		orders.Get(nil, id)
	}
}

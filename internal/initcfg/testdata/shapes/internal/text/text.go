// Package text translates messages.
package text

import "context"

// Translate returns msg in the language of the request in ctx.
func Translate(ctx context.Context, msg string) string {
	return msg
}

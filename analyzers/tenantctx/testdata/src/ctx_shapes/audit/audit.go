// Package audit holds the sinks configured in ctx.sinks.
package audit

import "context"

func Log(ctx context.Context, msg string) {}

type Logger struct{}

func (l *Logger) Write(ctx context.Context, msg string) {}

// Plain is not configured: not a sink.
func Plain(ctx context.Context, msg string) {}

// Sink is a configured interface: its Write is a sink wherever the
// interface is, embedded in another one included.
type Sink interface {
	Write(ctx context.Context, msg string)
}

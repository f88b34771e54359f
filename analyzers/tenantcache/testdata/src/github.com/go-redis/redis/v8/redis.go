// Package redis is a small analysistest stub of github.com/go-redis/redis/v8
// v8.11.5 with the real method signatures.
package redis

import (
	"context"
	"time"
)

type StringCmd struct{}
type StatusCmd struct{}
type IntCmd struct{}

// Client is a Redis client.
type Client struct{}

func NewClient(opt *Options) *Client { return &Client{} }

type Options struct{ Addr string }

func (c *Client) Get(ctx context.Context, key string) *StringCmd { return &StringCmd{} }

func (c *Client) Set(ctx context.Context, key string, value interface{}, expiration time.Duration) *StatusCmd {
	return &StatusCmd{}
}

func (c *Client) Del(ctx context.Context, keys ...string) *IntCmd { return &IntCmd{} }

// Package redis is the part of go-redis v9 that the fixtures use, for the
// go-redis preset.
package redis

import "context"

type Options struct{}

type StringCmd struct{}

func (c *StringCmd) Result() (string, error) { return "", nil }

type IntCmd struct{}

type cmdable struct{}

func (c cmdable) Get(ctx context.Context, key string) *StringCmd     { return &StringCmd{} }
func (c cmdable) Del(ctx context.Context, keys ...string) *IntCmd    { return &IntCmd{} }
func (c cmdable) Set(ctx context.Context, key string, v any) *IntCmd { return &IntCmd{} }

// Client is a go-redis client; its commands are promoted from cmdable.
type Client struct{ cmdable }

func NewClient(opt *Options) *Client { return &Client{} }

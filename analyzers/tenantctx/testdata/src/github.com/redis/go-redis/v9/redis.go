// Package redis is a small analysistest stub of github.com/redis/go-redis/v9
// (v9.23.0). The method signatures match the real library; the bodies do
// no I/O. As in the real library, the commands are methods of the func type
// cmdable, promoted into Client, ClusterClient, Ring, Conn, Tx and Pipeline
// by embedding.
package redis

import (
	"context"
	"errors"
	"time"
)

type redisError string

func (e redisError) Error() string { return string(e) }

// Nil is the reply error for a missing key.
const Nil = redisError("redis: nil")

// ---------------------------------------------------------------------------
// Commands

// Cmder is implemented by every command.
type Cmder interface {
	Name() string
	Args() []interface{}
	SetErr(error)
	Err() error
}

type baseCmd struct {
	ctx  context.Context
	args []interface{}
	err  error
}

func (cmd *baseCmd) Name() string {
	if len(cmd.args) == 0 {
		return ""
	}
	s, _ := cmd.args[0].(string)
	return s
}

func (cmd *baseCmd) Args() []interface{} { return cmd.args }
func (cmd *baseCmd) SetErr(e error)      { cmd.err = e }
func (cmd *baseCmd) Err() error          { return cmd.err }

type Cmd struct {
	baseCmd
	val interface{}
}

func NewCmd(ctx context.Context, args ...interface{}) *Cmd {
	return &Cmd{baseCmd: baseCmd{ctx: ctx, args: args}}
}

func (cmd *Cmd) Val() interface{}             { return cmd.val }
func (cmd *Cmd) Result() (interface{}, error) { return cmd.val, cmd.err }

type StringCmd struct {
	baseCmd
	val string
}

func NewStringCmd(ctx context.Context, args ...interface{}) *StringCmd {
	return &StringCmd{baseCmd: baseCmd{ctx: ctx, args: args}}
}

func (cmd *StringCmd) Val() string             { return cmd.val }
func (cmd *StringCmd) Result() (string, error) { return cmd.val, cmd.err }

type IntCmd struct {
	baseCmd
	val int64
}

func NewIntCmd(ctx context.Context, args ...interface{}) *IntCmd {
	return &IntCmd{baseCmd: baseCmd{ctx: ctx, args: args}}
}

func (cmd *IntCmd) Val() int64             { return cmd.val }
func (cmd *IntCmd) Result() (int64, error) { return cmd.val, cmd.err }

type StatusCmd struct {
	baseCmd
	val string
}

func NewStatusCmd(ctx context.Context, args ...interface{}) *StatusCmd {
	return &StatusCmd{baseCmd: baseCmd{ctx: ctx, args: args}}
}

func (cmd *StatusCmd) Val() string             { return cmd.val }
func (cmd *StatusCmd) Result() (string, error) { return cmd.val, cmd.err }

type BoolCmd struct {
	baseCmd
	val bool
}

func NewBoolCmd(ctx context.Context, args ...interface{}) *BoolCmd {
	return &BoolCmd{baseCmd: baseCmd{ctx: ctx, args: args}}
}

func (cmd *BoolCmd) Val() bool             { return cmd.val }
func (cmd *BoolCmd) Result() (bool, error) { return cmd.val, cmd.err }

type DurationCmd struct {
	baseCmd
	val time.Duration
}

func NewDurationCmd(ctx context.Context, precision time.Duration, args ...interface{}) *DurationCmd {
	return &DurationCmd{baseCmd: baseCmd{ctx: ctx, args: args}}
}

func (cmd *DurationCmd) Val() time.Duration             { return cmd.val }
func (cmd *DurationCmd) Result() (time.Duration, error) { return cmd.val, cmd.err }

type SliceCmd struct {
	baseCmd
	val []interface{}
}

func NewSliceCmd(ctx context.Context, args ...interface{}) *SliceCmd {
	return &SliceCmd{baseCmd: baseCmd{ctx: ctx, args: args}}
}

func (cmd *SliceCmd) Val() []interface{}             { return cmd.val }
func (cmd *SliceCmd) Result() ([]interface{}, error) { return cmd.val, cmd.err }

// ---------------------------------------------------------------------------
// Command interfaces

type StringCmdable interface {
	Get(ctx context.Context, key string) *StringCmd
	Incr(ctx context.Context, key string) *IntCmd
	MGet(ctx context.Context, keys ...string) *SliceCmd
	Set(ctx context.Context, key string, value interface{}, expiration time.Duration) *StatusCmd
}

type GenericCmdable interface {
	Del(ctx context.Context, keys ...string) *IntCmd
	Exists(ctx context.Context, keys ...string) *IntCmd
	Expire(ctx context.Context, key string, expiration time.Duration) *BoolCmd
	Rename(ctx context.Context, key, newkey string) *StatusCmd
	TTL(ctx context.Context, key string) *DurationCmd
}

type HashCmdable interface {
	HGet(ctx context.Context, key, field string) *StringCmd
	HSet(ctx context.Context, key string, values ...interface{}) *IntCmd
}

type ListCmdable interface {
	LMove(ctx context.Context, source, destination, srcpos, destpos string) *StringCmd
	LPush(ctx context.Context, key string, values ...interface{}) *IntCmd
}

type SetCmdable interface {
	SAdd(ctx context.Context, key string, members ...interface{}) *IntCmd
	SInterStore(ctx context.Context, destination string, keys ...string) *IntCmd
}

type PubSubCmdable interface {
	Publish(ctx context.Context, channel string, message interface{}) *IntCmd
}

type ScriptingFunctionsCmdable interface {
	Eval(ctx context.Context, script string, keys []string, args ...interface{}) *Cmd
}

type Cmdable interface {
	Pipeline() Pipeliner
	Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error)

	TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error)
	TxPipeline() Pipeliner

	GenericCmdable
	HashCmdable
	ListCmdable
	PubSubCmdable
	ScriptingFunctionsCmdable
	SetCmdable
	StringCmdable
}

type StatefulCmdable interface {
	Cmdable
	Select(ctx context.Context, index int) *StatusCmd
}

var (
	_ Cmdable         = (*Client)(nil)
	_ Cmdable         = (*Tx)(nil)
	_ Cmdable         = (*Ring)(nil)
	_ Cmdable         = (*ClusterClient)(nil)
	_ Cmdable         = (*Pipeline)(nil)
	_ StatefulCmdable = (*Conn)(nil)
	_ StatefulCmdable = (*Tx)(nil)
	_ Pipeliner       = (*Pipeline)(nil)
	_ UniversalClient = (*Client)(nil)
	_ UniversalClient = (*ClusterClient)(nil)
	_ UniversalClient = (*Ring)(nil)
)

type cmdable func(ctx context.Context, cmd Cmder) error

type statefulCmdable func(ctx context.Context, cmd Cmder) error

func (c statefulCmdable) Select(ctx context.Context, index int) *StatusCmd {
	cmd := NewStatusCmd(ctx, "select", index)
	_ = c(ctx, cmd)
	return cmd
}

func (c cmdable) Get(ctx context.Context, key string) *StringCmd {
	cmd := NewStringCmd(ctx, "get", key)
	_ = c(ctx, cmd)
	return cmd
}

func (c cmdable) Incr(ctx context.Context, key string) *IntCmd {
	cmd := NewIntCmd(ctx, "incr", key)
	_ = c(ctx, cmd)
	return cmd
}

func (c cmdable) MGet(ctx context.Context, keys ...string) *SliceCmd {
	args := make([]interface{}, 1+len(keys))
	args[0] = "mget"
	for i, key := range keys {
		args[1+i] = key
	}
	cmd := NewSliceCmd(ctx, args...)
	_ = c(ctx, cmd)
	return cmd
}

func (c cmdable) Set(ctx context.Context, key string, value interface{}, expiration time.Duration) *StatusCmd {
	args := []interface{}{"set", key, value}
	if expiration > 0 {
		args = append(args, "px", int64(expiration/time.Millisecond))
	}
	cmd := NewStatusCmd(ctx, args...)
	_ = c(ctx, cmd)
	return cmd
}

func (c cmdable) Del(ctx context.Context, keys ...string) *IntCmd {
	cmd := NewIntCmd(ctx, keysArgs("del", keys)...)
	_ = c(ctx, cmd)
	return cmd
}

func (c cmdable) Exists(ctx context.Context, keys ...string) *IntCmd {
	cmd := NewIntCmd(ctx, keysArgs("exists", keys)...)
	_ = c(ctx, cmd)
	return cmd
}

func (c cmdable) Expire(ctx context.Context, key string, expiration time.Duration) *BoolCmd {
	cmd := NewBoolCmd(ctx, "expire", key, int64(expiration/time.Second))
	_ = c(ctx, cmd)
	return cmd
}

func (c cmdable) Rename(ctx context.Context, key, newkey string) *StatusCmd {
	cmd := NewStatusCmd(ctx, "rename", key, newkey)
	_ = c(ctx, cmd)
	return cmd
}

func (c cmdable) TTL(ctx context.Context, key string) *DurationCmd {
	cmd := NewDurationCmd(ctx, time.Second, "ttl", key)
	_ = c(ctx, cmd)
	return cmd
}

func (c cmdable) HGet(ctx context.Context, key, field string) *StringCmd {
	cmd := NewStringCmd(ctx, "hget", key, field)
	_ = c(ctx, cmd)
	return cmd
}

func (c cmdable) HSet(ctx context.Context, key string, values ...interface{}) *IntCmd {
	cmd := NewIntCmd(ctx, append([]interface{}{"hset", key}, values...)...)
	_ = c(ctx, cmd)
	return cmd
}

func (c cmdable) LMove(ctx context.Context, source, destination, srcpos, destpos string) *StringCmd {
	cmd := NewStringCmd(ctx, "lmove", source, destination, srcpos, destpos)
	_ = c(ctx, cmd)
	return cmd
}

func (c cmdable) LPush(ctx context.Context, key string, values ...interface{}) *IntCmd {
	cmd := NewIntCmd(ctx, append([]interface{}{"lpush", key}, values...)...)
	_ = c(ctx, cmd)
	return cmd
}

func (c cmdable) SAdd(ctx context.Context, key string, members ...interface{}) *IntCmd {
	cmd := NewIntCmd(ctx, append([]interface{}{"sadd", key}, members...)...)
	_ = c(ctx, cmd)
	return cmd
}

func (c cmdable) SInterStore(ctx context.Context, destination string, keys ...string) *IntCmd {
	args := append([]interface{}{"sinterstore", destination}, keysArgs("", keys)[1:]...)
	cmd := NewIntCmd(ctx, args...)
	_ = c(ctx, cmd)
	return cmd
}

// Publish posts the message to the channel. A channel is not a key.
func (c cmdable) Publish(ctx context.Context, channel string, message interface{}) *IntCmd {
	cmd := NewIntCmd(ctx, "publish", channel, message)
	_ = c(ctx, cmd)
	return cmd
}

func (c cmdable) Eval(ctx context.Context, script string, keys []string, args ...interface{}) *Cmd {
	cmdArgs := append([]interface{}{"eval", script, len(keys)}, keysArgs("", keys)[1:]...)
	cmd := NewCmd(ctx, append(cmdArgs, args...)...)
	_ = c(ctx, cmd)
	return cmd
}

func keysArgs(name string, keys []string) []interface{} {
	args := make([]interface{}, 1+len(keys))
	args[0] = name
	for i, key := range keys {
		args[1+i] = key
	}
	return args
}

// ---------------------------------------------------------------------------
// Pipelines

type Pipeliner interface {
	StatefulCmdable
	Len() int
	Do(ctx context.Context, args ...interface{}) *Cmd
	Process(ctx context.Context, cmd Cmder) error
	Discard()
	Exec(ctx context.Context) ([]Cmder, error)
	Cmds() []Cmder
}

type pipelineExecer func(context.Context, []Cmder) error

type Pipeline struct {
	cmdable
	statefulCmdable

	exec pipelineExecer
	cmds []Cmder
}

func newPipeline(exec pipelineExecer) *Pipeline {
	c := &Pipeline{exec: exec}
	c.cmdable = c.Process
	c.statefulCmdable = c.Process
	return c
}

func (c *Pipeline) Len() int { return len(c.cmds) }

func (c *Pipeline) Do(ctx context.Context, args ...interface{}) *Cmd {
	cmd := NewCmd(ctx, args...)
	_ = c.Process(ctx, cmd)
	return cmd
}

func (c *Pipeline) Process(ctx context.Context, cmd Cmder) error {
	c.cmds = append(c.cmds, cmd)
	return nil
}

func (c *Pipeline) Discard() { c.cmds = c.cmds[:0] }

func (c *Pipeline) Exec(ctx context.Context) ([]Cmder, error) {
	if len(c.cmds) == 0 {
		return nil, nil
	}
	cmds := c.cmds
	c.cmds = nil
	return cmds, c.exec(ctx, cmds)
}

func (c *Pipeline) Cmds() []Cmder { return c.cmds }

func (c *Pipeline) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	if err := fn(c); err != nil {
		return nil, err
	}
	return c.Exec(ctx)
}

func (c *Pipeline) Pipeline() Pipeliner { return c }

func (c *Pipeline) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return c.Pipelined(ctx, fn)
}

func (c *Pipeline) TxPipeline() Pipeliner { return c }

// ---------------------------------------------------------------------------
// Clients

var errClosed = errors.New("redis: client is closed")

type Options struct {
	Addr     string
	Username string
	Password string
	DB       int
}

type baseClient struct {
	opt    *Options
	closed bool
}

func (c *baseClient) process(ctx context.Context, cmd Cmder) error {
	if c.closed {
		cmd.SetErr(errClosed)
	}
	return cmd.Err()
}

func (c *baseClient) processPipeline(ctx context.Context, cmds []Cmder) error {
	for _, cmd := range cmds {
		if err := c.process(ctx, cmd); err != nil {
			return err
		}
	}
	return nil
}

func (c *baseClient) Close() error {
	c.closed = true
	return nil
}

// Client is a Redis client.
type Client struct {
	*baseClient
	cmdable
}

func NewClient(opt *Options) *Client {
	c := &Client{baseClient: &baseClient{opt: opt}}
	c.cmdable = c.Process
	return c
}

func (c *Client) Process(ctx context.Context, cmd Cmder) error { return c.process(ctx, cmd) }

func (c *Client) Conn() *Conn { return newConn(c.opt) }

func (c *Client) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return c.Pipeline().Pipelined(ctx, fn)
}

func (c *Client) Pipeline() Pipeliner { return newPipeline(c.processPipeline) }

func (c *Client) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return c.TxPipeline().Pipelined(ctx, fn)
}

func (c *Client) TxPipeline() Pipeliner { return newPipeline(c.processPipeline) }

// Conn represents a single Redis connection rather than a pool.
type Conn struct {
	baseClient
	cmdable
	statefulCmdable
}

func newConn(opt *Options) *Conn {
	c := &Conn{baseClient: baseClient{opt: opt}}
	c.cmdable = c.Process
	c.statefulCmdable = c.Process
	return c
}

func (c *Conn) Process(ctx context.Context, cmd Cmder) error { return c.process(ctx, cmd) }

func (c *Conn) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return c.Pipeline().Pipelined(ctx, fn)
}

func (c *Conn) Pipeline() Pipeliner { return newPipeline(c.processPipeline) }

func (c *Conn) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return c.TxPipeline().Pipelined(ctx, fn)
}

func (c *Conn) TxPipeline() Pipeliner { return newPipeline(c.processPipeline) }

// Tx is a Redis transaction (the real library hands one to the Watch
// callback; Watch is left out of this stub).
type Tx struct {
	baseClient
	cmdable
	statefulCmdable
}

func (c *Tx) Process(ctx context.Context, cmd Cmder) error { return c.process(ctx, cmd) }

func (c *Tx) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return c.Pipeline().Pipelined(ctx, fn)
}

func (c *Tx) Pipeline() Pipeliner { return newPipeline(c.processPipeline) }

func (c *Tx) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return c.TxPipeline().Pipelined(ctx, fn)
}

func (c *Tx) TxPipeline() Pipeliner { return newPipeline(c.processPipeline) }

type ClusterOptions struct {
	Addrs    []string
	Username string
	Password string
}

// ClusterClient is a Redis Cluster client.
type ClusterClient struct {
	opt *ClusterOptions
	cmdable
	base *baseClient
}

func NewClusterClient(opt *ClusterOptions) *ClusterClient {
	c := &ClusterClient{opt: opt, base: &baseClient{opt: &Options{}}}
	c.cmdable = c.Process
	return c
}

func (c *ClusterClient) Process(ctx context.Context, cmd Cmder) error {
	return c.base.process(ctx, cmd)
}

func (c *ClusterClient) Close() error { return c.base.Close() }

func (c *ClusterClient) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return c.Pipeline().Pipelined(ctx, fn)
}

func (c *ClusterClient) Pipeline() Pipeliner { return newPipeline(c.base.processPipeline) }

func (c *ClusterClient) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return c.TxPipeline().Pipelined(ctx, fn)
}

func (c *ClusterClient) TxPipeline() Pipeliner { return newPipeline(c.base.processPipeline) }

type RingOptions struct {
	Addrs    map[string]string
	Username string
	Password string
}

// Ring is a client-side sharded Redis client.
type Ring struct {
	cmdable
	opt  *RingOptions
	base *baseClient
}

func NewRing(opt *RingOptions) *Ring {
	c := &Ring{opt: opt, base: &baseClient{opt: &Options{}}}
	c.cmdable = c.Process
	return c
}

func (c *Ring) Process(ctx context.Context, cmd Cmder) error { return c.base.process(ctx, cmd) }

func (c *Ring) Close() error { return c.base.Close() }

func (c *Ring) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return c.Pipeline().Pipelined(ctx, fn)
}

func (c *Ring) Pipeline() Pipeliner { return newPipeline(c.base.processPipeline) }

func (c *Ring) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return c.TxPipeline().Pipelined(ctx, fn)
}

func (c *Ring) TxPipeline() Pipeliner { return newPipeline(c.base.processPipeline) }

// UniversalClient is implemented by Client, ClusterClient and Ring.
type UniversalClient interface {
	Cmdable
	Process(ctx context.Context, cmd Cmder) error
	Close() error
}

type UniversalOptions struct {
	Addrs    []string
	Username string
	Password string
	DB       int
}

func NewUniversalClient(opts *UniversalOptions) UniversalClient {
	if len(opts.Addrs) > 1 {
		return NewClusterClient(&ClusterOptions{Addrs: opts.Addrs, Username: opts.Username, Password: opts.Password})
	}
	var addr string
	if len(opts.Addrs) == 1 {
		addr = opts.Addrs[0]
	}
	return NewClient(&Options{Addr: addr, Username: opts.Username, Password: opts.Password, DB: opts.DB})
}

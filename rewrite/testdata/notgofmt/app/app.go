package app

import (
	"context"
	"example.com/notgofmt/kv"
)

type  Session struct {
	TenantID   string
	Token string
}

func   NotFormatted(ctx context.Context,s *kv.Store,id string)  {
	x:=1
	_ = x
	s.Get(ctx,"user:"+id)
	s.Get(ctx,  "user:" + id  )
	s.Set(ctx, "a" +
	id, "v")
}

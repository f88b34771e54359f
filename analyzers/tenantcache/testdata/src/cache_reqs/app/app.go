package app

import (
	"context"

	"github.com/redis/go-redis/v9"

	"cache_reqs/keys"
	"cache_reqs/pb"
)

// A builder reading the tenant from a request is scoped where the
// request carries a tenant value in that field.
func requests(ctx context.Context, rdb *redis.Client, tenantID, id string, in *pb.GetUserRequest) {
	rdb.Get(ctx, keys.User(&pb.GetUserRequest{TenantId: tenantID, UserId: id}))
	req := &pb.GetUserRequest{TenantId: tenantID}
	req.UserId = id
	rdb.Get(ctx, keys.User(req))
	rdb.Get(ctx, keys.Of(keys.Record{Org: tenantID, ID: id}))
	rdb.Get(ctx, keys.Of(keys.Record{tenantID, id}))
	rdb.Get(ctx, keys.Session(&pb.Session{}))
	rdb.Get(ctx, forward(&pb.GetUserRequest{TenantId: tenantID}))

	rdb.Get(ctx, keys.User(&pb.GetUserRequest{UserId: id}))               // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, keys.User(&pb.GetUserRequest{TenantId: id, UserId: id})) // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, keys.User(in))                                           // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, keys.ByID(&pb.GetUserRequest{TenantId: tenantID}))       // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, keys.Of(keys.Record{ID: id}))                            // want `^redis\.Client\.Get key is not tenant-scoped`
	other := &pb.GetUserRequest{TenantId: tenantID}
	other.TenantId = id
	rdb.Get(ctx, keys.User(other)) // want `^redis\.Client\.Get key is not tenant-scoped`
}

// forward passes its request on: a builder from the same field.
func forward(req *pb.GetUserRequest) string {
	return keys.User(req)
}

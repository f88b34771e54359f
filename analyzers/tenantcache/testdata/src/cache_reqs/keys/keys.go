// Package keys builds keys from requests; its facts reach package app.
package keys

import (
	"fmt"

	"cache_reqs/pb"
)

// User reads the tenant through the generated getter.
func User(req *pb.GetUserRequest) string {
	return fmt.Sprintf("user:%s:%s", req.GetTenantId(), req.GetUserId())
}

// Record reads the field itself, from a struct value.
type Record struct {
	Org, ID string
}

func Of(r Record) string {
	return r.Org + ":" + r.ID
}

// ByID reads only the user: no tenant in the key.
func ByID(req *pb.GetUserRequest) string {
	return "user:" + req.GetUserId()
}

// Session reads a configured getter: always scoped.
func Session(s *pb.Session) string {
	return "session:" + s.GetOrgId()
}

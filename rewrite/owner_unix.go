//go:build unix

package rewrite

import (
	"fmt"
	"os"
	"syscall"
)

// keepOwner gives f the owner and group of st, and returns a note when
// the system does not let this process do so.
func keepOwner(f *os.File, st os.FileInfo) string {
	want, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	cur, err := f.Stat()
	if err != nil {
		return ""
	}
	if have, ok := cur.Sys().(*syscall.Stat_t); ok && have.Uid == want.Uid && have.Gid == want.Gid {
		return ""
	}
	if err := f.Chown(int(want.Uid), int(want.Gid)); err != nil {
		return fmt.Sprintf("could not keep its owner %d:%d (%v)", want.Uid, want.Gid, err)
	}
	return ""
}

func hardLinks(st os.FileInfo) uint64 {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(s.Nlink)
	}
	return 1
}

package cachekeys

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// Keys through a hash (with cache.tenant_values): a hash or an encoding
// of bytes that contain a tenant value differs per tenant, so it is as
// scoped as its input. Followed: the functions of the hash and encoding
// packages (hashPackages: sha256.Sum256(b), xxhash.Sum64String(k),
// maphash.String(seed, k), crc32.ChecksumIEEE(b), hex.EncodeToString(b),
// base64.StdEncoding.EncodeToString(b)), []byte and string conversions,
// append, a full slice of a scoped array (sum[:]), and hashers: a local
// h into which a tenant value is written (h.Write([]byte(k)),
// h.WriteString(k), io.WriteString(h, k), fmt.Fprint*(h, ...)) on every
// path to h.Sum(nil), h.Sum64() or h.Sum32().

// hashPackages are the packages whose functions (and methods, such as
// base64.Encoding.EncodeToString) give a result that differs with each of
// their arguments: hashes, checksums and encodings.
var hashPackages = map[string]bool{
	"crypto/md5": true, "crypto/sha1": true, "crypto/sha256": true, "crypto/sha512": true,
	"crypto/sha3": true, "crypto/hmac": true,
	"hash/adler32": true, "hash/crc32": true, "hash/crc64": true, "hash/fnv": true, "hash/maphash": true,
	"encoding/hex": true, "encoding/base64": true, "encoding/base32": true,
	"github.com/cespare/xxhash": true, "github.com/cespare/xxhash/v2": true,
	"github.com/zeebo/xxh3": true, "github.com/OneOfOne/xxhash": true,
	"golang.org/x/crypto/blake2b": true, "golang.org/x/crypto/blake2s": true, "golang.org/x/crypto/sha3": true,
	"lukechampine.com/blake3": true,
}

// hashScoped reports whether a call keeps a scoped input in its result:
// a function of hashPackages given a scoped argument, append with a
// scoped part, or a hasher's Sum after a tenant value was written into it
// on every path.
func (s *FuncScope) hashScoped(call *ast.CallExpr) bool {
	if s.isBuiltin(call, "append") {
		return s.anyScoped(call.Args)
	}
	fn, ok := typeutil.Callee(s.info, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return false
	}
	if hashPackages[fn.Pkg().Path()] && len(call.Args) > 0 {
		return s.anyScoped(call.Args)
	}
	if h := s.hasherSum(call); h != nil {
		scoped, _ := s.sumScoped(call, h)
		return scoped
	}
	return false
}

// fullSliceScoped reports whether e is x[:] of a scoped x: all of a hash
// sum's bytes (hex.EncodeToString(sum[:])). A part of a value may leave
// the tenant out, so only the full slice counts.
func (s *FuncScope) fullSliceScoped(e *ast.SliceExpr) bool {
	return e.Low == nil && e.High == nil && e.Max == nil && s.StringScoped(e.X)
}

// hasher is what the declaration does with one local hasher variable.
type hasher struct {
	v *types.Var
	// writes are the calls that write into it, with the arguments
	// written.
	writes []hashWrite
	// why is set when the hasher is not followed: it is reset, assigned
	// again or handed to code we do not see (which may reset it).
	why string
}

type hashWrite struct {
	call *ast.CallExpr
	args []ast.Expr
}

// hasherIndex holds the hashers of one declaration and its parent links,
// built on first use and shared by the scopes seeded from it (the
// structure does not depend on which values are tenant values).
type hasherIndex struct {
	decl    ast.Node
	built   bool
	parents map[ast.Node]ast.Node
	uses    map[*types.Var][]*ast.Ident
	byVar   map[*types.Var]*hasher
}

func (x *hasherIndex) build(info *types.Info) {
	if x.built {
		return
	}
	x.built = true
	x.parents = map[ast.Node]ast.Node{}
	x.uses = map[*types.Var][]*ast.Ident{}
	x.byVar = map[*types.Var]*hasher{}
	var stack []ast.Node
	ast.Inspect(x.decl, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if len(stack) > 0 {
			x.parents[n] = stack[len(stack)-1]
		}
		stack = append(stack, n)
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok {
				x.uses[v] = append(x.uses[v], id)
			}
		}
		return true
	})
}

// hasherSum returns the hasher whose Sum, Sum32, Sum64 or Sum128 call is
// call: a method call on a local variable (not a parameter) whose type
// has a Write method.
func (s *FuncScope) hasherSum(call *ast.CallExpr) *hasher {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !strings.HasPrefix(sel.Sel.Name, "Sum") {
		return nil
	}
	v := s.localVar(sel.X)
	if v == nil || s.hashers == nil {
		return nil
	}
	if obj, _, _ := types.LookupFieldOrMethod(v.Type(), true, v.Pkg(), "Write"); obj == nil {
		return nil
	}
	return s.hasherOf(v)
}

// hasherOf classifies every use of v: a method call on it (Write*,
// Sum*, and methods that change nothing), or the writer of io.WriteString,
// fmt.Fprint, Fprintf, Fprintln or binary.Write (v or &v). Anything else
// (Reset, another assignment, v passed elsewhere) leaves it unfollowed.
func (s *FuncScope) hasherOf(v *types.Var) *hasher {
	x := s.hashers
	x.build(s.info)
	if h, ok := x.byVar[v]; ok {
		return h
	}
	// Its declaration is a definition, not a use: any assignment after it
	// is a use that classify refuses.
	h := &hasher{v: v}
	x.byVar[v] = h
	for _, id := range x.uses[v] {
		if h.why != "" {
			break
		}
		h.why = h.classify(s.info, x, id)
	}
	return h
}

// classify records one use of the hasher, or says why it cannot be
// followed.
func (h *hasher) classify(info *types.Info, x *hasherIndex, id *ast.Ident) string {
	parent := x.parents[id]
	if sel, ok := parent.(*ast.SelectorExpr); ok && sel.X == id {
		call, ok := x.parents[sel].(*ast.CallExpr)
		if !ok || call.Fun != sel {
			return "its method " + sel.Sel.Name + " is used as a value"
		}
		switch name := sel.Sel.Name; {
		case strings.HasPrefix(name, "Write"):
			h.writes = append(h.writes, hashWrite{call, call.Args})
		case name == "Reset":
			return "it is reset"
		}
		return ""
	}
	arg := ast.Node(id)
	if u, ok := parent.(*ast.UnaryExpr); ok && u.Op == token.AND {
		arg, parent = u, x.parents[u]
	}
	if call, ok := parent.(*ast.CallExpr); ok && len(call.Args) > 0 && call.Args[0] == arg && isWriterFunc(info, call) {
		h.writes = append(h.writes, hashWrite{call, call.Args[1:]})
		return ""
	}
	if a, ok := parent.(*ast.AssignStmt); ok {
		for _, l := range a.Lhs {
			if l == arg {
				return "it is assigned again"
			}
		}
	}
	return "it is handed to code that may reset it"
}

// isWriterFunc reports whether call is io.WriteString, fmt.Fprint,
// Fprintf, Fprintln or binary.Write: a write of its other arguments into
// its first.
func isWriterFunc(info *types.Info, call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Type().(*types.Signature).Recv() != nil {
		return false
	}
	switch fn.Pkg().Path() + "." + fn.Name() {
	case "io.WriteString", "fmt.Fprint", "fmt.Fprintf", "fmt.Fprintln", "encoding/binary.Write":
		return true
	}
	return false
}

// sumScoped reports whether the hasher holds a tenant value at call, its
// Sum: Sum(prefix) with a scoped prefix, or a scoped write on every path
// to it. Otherwise it says where the first scoped write runs only, when
// there is one ("inside the if" at the if).
func (s *FuncScope) sumScoped(call *ast.CallExpr, h *hasher) (bool, *place) {
	if h.why != "" {
		return false, nil
	}
	if len(call.Args) == 1 && s.StringScoped(call.Args[0]) {
		return true, nil
	}
	var where *place
	for _, w := range h.writes {
		if !s.writeScoped(w) {
			continue
		}
		cond := s.hashers.condition(w.call, call)
		if cond == nil {
			return true, nil
		}
		if where == nil {
			where = cond
		}
	}
	return false, where
}

// place is where a conditional write runs: "inside the if" at an if
// statement.
type place struct {
	what string
	at   ast.Node
}

// writeScoped reports whether a write puts a tenant value into the
// hasher.
func (s *FuncScope) writeScoped(w hashWrite) bool { return s.anyScoped(w.args) }

// condition returns nil when write runs on every path that reaches use
// (both in the declaration), else where it runs only. A write dominates a
// use when the statement holding it (unconditionally: as an expression
// statement, an assignment, a declaration, or the init of an if or
// switch) precedes, in the same statement list, the statement that holds
// the use, or is the init of the statement that holds it.
func (x *hasherIndex) condition(write, use ast.Node) *place {
	n := write
	for {
		p := x.parents[n]
		if list, ok := stmtList(p); ok {
			if dominatesIn(list, n, use) {
				return nil
			}
			return x.where(p)
		}
		switch p := p.(type) {
		case nil:
			return &place{"outside the code that builds the key", write}
		case *ast.IfStmt, *ast.SwitchStmt:
			if !inHead(p, n) {
				return x.where(p)
			}
			if contains(p, use) && use.Pos() > n.End() {
				return nil
			}
			n = p
		case *ast.BinaryExpr:
			if (p.Op == token.LAND || p.Op == token.LOR) && p.Y == n {
				return &place{"on the right of the " + p.Op.String(), p}
			}
			n = p
		case *ast.ExprStmt, *ast.AssignStmt, *ast.ParenExpr, *ast.DeclStmt, *ast.GenDecl, *ast.ValueSpec, *ast.CallExpr:
			// A write nested in an assignment or in another call's
			// arguments runs when they do.
			n = p
		default:
			return x.where(p)
		}
	}
}

// inHead reports whether n is the init or the condition (tag) of an if
// or switch statement: it runs whichever branch is taken.
func inHead(stmt, n ast.Node) bool {
	switch s := stmt.(type) {
	case *ast.IfStmt:
		return s.Init == n || s.Cond == n
	case *ast.SwitchStmt:
		return s.Init == n || s.Tag == n
	}
	return false
}

// stmtList returns the statement list that n holds: a block's, a case's.
func stmtList(n ast.Node) ([]ast.Stmt, bool) {
	switch n := n.(type) {
	case *ast.BlockStmt:
		return n.List, true
	case *ast.CaseClause:
		return n.Body, true
	case *ast.CommClause:
		return n.Body, true
	}
	return nil, false
}

// dominatesIn reports whether stmt, an element of list, comes before the
// element of list that holds use.
func dominatesIn(list []ast.Stmt, stmt, use ast.Node) bool {
	seen := false
	for _, st := range list {
		if st == stmt {
			seen = true
			continue
		}
		if contains(st, use) {
			return seen
		}
	}
	return false
}

// contains reports whether outer holds inner.
func contains(outer, inner ast.Node) bool {
	return outer.Pos() <= inner.Pos() && inner.End() <= outer.End()
}

// where names the construct that makes a write conditional: the nearest
// if, loop, case, function literal, defer or go around n.
func (x *hasherIndex) where(n ast.Node) *place {
	for ; n != nil; n = x.parents[n] {
		switch p := n.(type) {
		case *ast.IfStmt:
			return &place{"inside the if", p}
		case *ast.ForStmt, *ast.RangeStmt:
			return &place{"inside the loop", p}
		case *ast.CaseClause, *ast.CommClause:
			return &place{"in one case of the switch", x.parents[x.parents[p]]}
		case *ast.FuncLit:
			return &place{"inside the function literal", p}
		case *ast.DeferStmt, *ast.GoStmt:
			return &place{"in the deferred or concurrent call", p}
		}
	}
	return &place{"on some paths", nil}
}

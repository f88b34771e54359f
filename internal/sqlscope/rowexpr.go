package sqlscope

// rowEquality splits a row comparison, (a.tenant_id, a.id) = (b.tenant_id,
// b.id) or (tenant_id, id) = ($1, $2), into the equalities of its
// elements, which it means: each is then a conjunct like any other (a
// tenant predicate, or an edge between two tenant columns). It returns
// false for any other node (k and m are the node's unwrap).
func rowEquality(k string, m map[string]any) ([]any, bool) {
	if k != "A_Expr" || m["kind"] != "AEXPR_OP" || stringNode(first(list(m["name"]))) != "=" {
		return nil, false
	}
	lk, l := unwrap(m["lexpr"])
	rk, r := unwrap(m["rexpr"])
	if lk != "RowExpr" || rk != "RowExpr" {
		return nil, false
	}
	la, ra := list(l["args"]), list(r["args"])
	if len(la) != len(ra) || len(la) == 0 {
		return nil, false
	}
	out := make([]any, len(la))
	for i := range la {
		out[i] = map[string]any{"A_Expr": map[string]any{
			"kind": "AEXPR_OP", "name": m["name"], "lexpr": la[i], "rexpr": ra[i],
		}}
	}
	return out, true
}

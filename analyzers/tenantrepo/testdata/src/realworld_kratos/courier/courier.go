// Package courier holds rows that only the persister's method bodies
// build, as courier.MessageDispatch in Kratos.
package courier

import "realworld_kratos/uuid"

// Message is taken by the persister's methods: covered by its signature.
type Message struct {
	ID  uuid.UUID `db:"id"`
	NID uuid.UUID `db:"nid"`
}

// MessageDispatch is built as a composite literal in RecordDispatch.
type MessageDispatch struct {
	MessageID uuid.UUID `db:"message_id"`
	NID       uuid.UUID `db:"nid"`
}

// Attempt is allocated with new in a closure of a method body.
type Attempt struct {
	NID uuid.UUID `db:"nid"`
}

// Template is declared as a []*Template var.
type Template struct {
	NID uuid.UUID `db:"nid"`
}

// Counter is named in a conversion (*Counter)(nil).
type Counter struct {
	NID uuid.UUID `db:"nid"`
}

// Batch is made with make([]Batch, n).
type Batch struct {
	NID uuid.UUID `db:"nid"`
}

// Draft is built only by a plain function, which is no repository.
type Draft struct { // want `^Draft is tenant-scoped \(has field NID\) but has no tenant-aware repository`
	NID uuid.UUID `db:"nid"`
}

// Outbox is built only in the methods of a type that is no repository.
type Outbox struct { // want `^Outbox is tenant-scoped \(has field NID\) but has no tenant-aware repository`
	NID uuid.UUID `db:"nid"`
}

// Fixed is only an array element in a body: arrays are not looked into.
type Fixed struct { // want `^Fixed is tenant-scoped \(has field NID\) but has no tenant-aware repository`
	NID uuid.UUID `db:"nid"`
}

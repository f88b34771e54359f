package models

import "testing"

func TestOnlyHere(t *testing.T) { _ = TestOnly{} }

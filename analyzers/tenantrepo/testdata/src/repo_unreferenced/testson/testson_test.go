package testson

import "testing"

func TestUse(t *testing.T) { _ = UsedByTests{} }

package uuid

type UUID [16]byte

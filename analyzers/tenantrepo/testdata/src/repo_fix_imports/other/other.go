package other

type Money int64

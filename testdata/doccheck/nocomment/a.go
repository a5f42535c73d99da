package nocomment

// A is documented.
const A = 1

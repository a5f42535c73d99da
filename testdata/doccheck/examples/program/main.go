// Program shows a program whose comment stays in main.go.
package main

func main() {}

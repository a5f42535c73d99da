// Package twocomments is here too.
package twocomments

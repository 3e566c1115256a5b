package tlsa

// derProblem says whether data starts as one DER SEQUENCE that spans it
// exactly (X.690 §8.1, §10.1: definite length, in the fewest bytes), what
// a certificate (RFC 5280 §4.1) and a SubjectPublicKeyInfo both are: ""
// when it does, else "tag" (not a SEQUENCE), "length" (no definite length
// in the fewest bytes), "short" (the length says more bytes than there
// are) or "long" (bytes after it). declared is the length the header
// says, when it could be read.
func derProblem(data []byte) (problem string, declared int) {
	if len(data) < 2 || data[0] != 0x30 {
		return "tag", -1
	}
	n, hdr, ok := derLength(data[1:])
	if !ok {
		return "length", -1
	}
	switch total := 1 + hdr + n; {
	case total > len(data):
		return "short", n
	case total < len(data):
		return "long", n
	}
	return "", n
}

// derLength reads a DER length at the start of b: the length, how many
// bytes it took, and false for an indefinite, non-minimal or truncated
// one, or one over 2^31.
func derLength(b []byte) (n, size int, ok bool) {
	if len(b) == 0 {
		return 0, 0, false
	}
	if b[0] < 0x80 {
		return int(b[0]), 1, true
	}
	k := int(b[0] & 0x7f)
	if k == 0 || k > 4 || len(b) < 1+k || b[1] == 0 {
		return 0, 0, false
	}
	for _, c := range b[1 : 1+k] {
		n = n<<8 | int(c)
	}
	if n < 0x80 || n > 1<<31-1 {
		return 0, 0, false
	}
	return n, 1 + k, true
}

// derElements returns the elements of the DER SEQUENCE that spans b, as
// byte slices each with its header; nil when b is no such SEQUENCE or an
// element does not fit.
func derElements(b []byte) [][]byte {
	if p, _ := derProblem(b); p != "" {
		return nil
	}
	_, hdr, _ := derLength(b[1:])
	var out [][]byte
	for rest := b[1+hdr:]; len(rest) > 0; {
		if len(rest) < 2 || rest[0]&0x1f == 0x1f {
			return nil // high tag numbers do not occur where this reads
		}
		n, h, ok := derLength(rest[1:])
		if !ok || 1+h+n > len(rest) {
			return nil
		}
		out = append(out, rest[:1+h+n])
		rest = rest[1+h+n:]
	}
	return out
}

// certSPKI returns the SubjectPublicKeyInfo of a DER certificate (RFC 5280
// §4.1: the seventh element of tbsCertificate, the sixth when the
// optional [0] version is absent), or nil when cert is not shaped so.
func certSPKI(cert []byte) []byte {
	top := derElements(cert)
	if len(top) != 3 || top[0][0] != 0x30 {
		return nil
	}
	tbs := derElements(top[0])
	i := 5
	if len(tbs) > 0 && tbs[0][0] == 0xa0 {
		i = 6
	}
	if len(tbs) <= i || tbs[i][0] != 0x30 {
		return nil
	}
	return tbs[i]
}

package dkim

// A minimal DER reader (X.690): one value's identifier and length octets, and
// the contents of INTEGER, BIT STRING and OBJECT IDENTIFIER. It accepts
// exactly what encoding/asn1 accepts (parseTagAndLength, checkInteger,
// parseInt64, parseBitString, parseObjectIdentifier, parseBase128Int), so
// that the decoder of der.go reads the same inputs as it did on that package:
// tag numbers under 31 in one octet only; definite lengths only, in the
// short form below 128 and in the fewest octets above, under 2^31; integers
// in the fewest octets.

// Classes of a tag (X.690 §8.1.2.2).
const (
	classUniversal       = 0
	classContextSpecific = 2
)

// Universal tag numbers (X.680 §8.4).
const (
	tagInteger     = 2
	tagBitString   = 3
	tagOctetString = 4
	tagOID         = 6
	tagSequence    = 16
)

// derHeader is what the identifier and length octets of a DER value say.
type derHeader struct {
	class    int  // classUniversal, 1 application, classContextSpecific, 3 private
	compound bool // constructed (a SEQUENCE, SET, explicit tag, …), not primitive
	tag      int  // the tag number
	length   int  // of the contents octets, not checked against the input
}

// readHeader reads the identifier and length octets at the start of b, as
// encoding/asn1's parseTagAndLength, and returns the bytes after them. It
// fails on what that rejects: a tag number in the high-tag-number form that
// is below 31, not minimal or over 2^31-1; the indefinite length; a long-form
// length with a leading zero octet, below 128, or of 2^31 or more; a value
// cut off in those octets.
func readHeader(b []byte) (h derHeader, rest []byte, ok bool) {
	if len(b) == 0 {
		return h, nil, false
	}
	id := b[0]
	b = b[1:]
	h.class = int(id >> 6)
	h.compound = id&0x20 != 0
	h.tag = int(id & 0x1f)
	if h.tag == 0x1f { // high-tag-number form: base 128 octets follow
		if h.tag, b, ok = readBase128(b); !ok || h.tag < 0x1f {
			return h, nil, false
		}
	}
	if len(b) == 0 {
		return h, nil, false
	}
	l := b[0]
	b = b[1:]
	if l&0x80 == 0 { // short form
		h.length = int(l)
		return h, b, true
	}
	n := int(l & 0x7f) // long form: n length octets follow
	if n == 0 {
		return h, nil, false // indefinite length, not DER
	}
	for range n {
		if len(b) == 0 || h.length >= 1<<23 {
			return h, nil, false
		}
		h.length = h.length<<8 | int(b[0])
		b = b[1:]
		if h.length == 0 {
			return h, nil, false // leading zero octet
		}
	}
	if h.length < 0x80 {
		return h, nil, false // the short form was required
	}
	return h, b, true
}

// readValue reads one whole DER value at the start of b: its header, its
// contents octets, and the bytes after it. It fails when the contents are
// cut off.
func readValue(b []byte) (h derHeader, body, rest []byte, ok bool) {
	h, b, ok = readHeader(b)
	if !ok || h.length > len(b) {
		return h, nil, nil, false
	}
	return h, b[:h.length], b[h.length:], true
}

// readElement reads one DER value of the universal class and the given tag
// at the start of b, constructed for a SEQUENCE and primitive otherwise, and
// returns its contents and the bytes after it. It fails on any other value,
// as encoding/asn1 fails on a struct field of another type that is not
// OPTIONAL.
func readElement(b []byte, tag int) (body, rest []byte, ok bool) {
	h, body, rest, ok := readValue(b)
	if !ok || h.class != classUniversal || h.tag != tag || h.compound != (tag == tagSequence) {
		return nil, nil, false
	}
	return body, rest, true
}

// readInteger reads an INTEGER at the start of b and returns its contents
// octets (big-endian two's complement, of any size) and the bytes after it.
// Like encoding/asn1's checkInteger, it fails on empty contents and on a
// leading octet that only repeats the sign of the next.
func readInteger(b []byte) (contents, rest []byte, ok bool) {
	contents, rest, ok = readElement(b, tagInteger)
	if !ok || !validInteger(contents) {
		return nil, nil, false
	}
	return contents, rest, true
}

// validInteger reports whether contents are the contents octets of a DER
// INTEGER: not empty, and with no leading octet that only repeats the sign
// of the next (encoding/asn1's checkInteger).
func validInteger(contents []byte) bool {
	return len(contents) == 1 ||
		len(contents) > 1 && !(contents[0] == 0 && contents[1]&0x80 == 0 || contents[0] == 0xff && contents[1]&0x80 != 0)
}

// readInt reads an INTEGER at the start of b as encoding/asn1 reads one into
// an int: it fails when the value does not fit.
func readInt(b []byte) (v int, rest []byte, ok bool) {
	contents, rest, ok := readInteger(b)
	if !ok {
		return 0, nil, false
	}
	if v, ok = intValue(contents); !ok {
		return 0, nil, false
	}
	return v, rest, true
}

// intValue returns the value of an INTEGER's contents octets (as checked by
// validInteger) when it fits an int.
func intValue(contents []byte) (int, bool) {
	if len(contents) > 8 {
		return 0, false
	}
	var v int64
	if contents[0]&0x80 != 0 {
		v = -1 // sign extension
	}
	for _, c := range contents {
		v = v<<8 | int64(c)
	}
	if int64(int(v)) != v { // a 32-bit int
		return 0, false
	}
	return int(v), true
}

// positiveInteger returns the magnitude of an INTEGER's contents octets (as
// checked by validInteger), big-endian without leading zero octets, and
// whether the value is above zero.
func positiveInteger(contents []byte) ([]byte, bool) {
	if contents[0]&0x80 != 0 || len(contents) == 1 && contents[0] == 0 {
		return nil, false
	}
	if contents[0] == 0 {
		contents = contents[1:] // minimal: only one zero octet, before a high bit
	}
	return contents, true
}

// readBitString reads a BIT STRING at the start of b and returns its bits
// right-aligned (as asn1.BitString's RightAlign: the padding bits at the
// start of the first octet, zero) and the bytes after it. Like
// encoding/asn1's parseBitString, it fails on empty contents, on more than 7
// padding bits or padding without bits, and on padding bits that are not
// zero.
func readBitString(b []byte) (bits, rest []byte, ok bool) {
	contents, rest, ok := readElement(b, tagBitString)
	if !ok || len(contents) == 0 {
		return nil, nil, false
	}
	pad := contents[0]
	bits = contents[1:]
	if pad > 7 || len(bits) == 0 && pad > 0 || contents[len(contents)-1]&(1<<pad-1) != 0 {
		return nil, nil, false
	}
	if pad == 0 {
		return bits, rest, true
	}
	aligned := make([]byte, len(bits))
	aligned[0] = bits[0] >> pad
	for i := 1; i < len(bits); i++ {
		aligned[i] = bits[i-1]<<(8-pad) | bits[i]>>pad
	}
	return aligned, rest, true
}

// validOID reports whether contents are the contents octets of an OBJECT
// IDENTIFIER that encoding/asn1's parseObjectIdentifier accepts: not empty,
// each arc in base 128 with no leading zero septet, in at most 5 octets, and
// at most 2^31-1. Such an encoding is the only one of its identifier.
func validOID(contents []byte) bool {
	if len(contents) == 0 {
		return false
	}
	for ok := true; len(contents) > 0; {
		if _, contents, ok = readBase128(contents); !ok {
			return false
		}
	}
	return true
}

// readBase128 reads a base-128 number at the start of b (7 bits an octet,
// the high bit set on all but the last), as encoding/asn1's parseBase128Int:
// it fails when the first octet is 0x80 (not minimal), on more than 5
// octets, on a value over 2^31-1, and when b ends first.
func readBase128(b []byte) (v int, rest []byte, ok bool) {
	var n int64
	for i, c := range b {
		if i == 5 || i == 0 && c == 0x80 {
			return 0, nil, false
		}
		n = n<<7 | int64(c&0x7f)
		if c&0x80 == 0 {
			if n > 1<<31-1 {
				return 0, nil, false
			}
			return int(n), b[i+1:], true
		}
	}
	return 0, nil, false
}

package api

// Hold takes every turn of the explain ("explain") or lookup gate and
// fills its queue, so that the next request of that kind is answered 503;
// release gives them back.
func (h *Handler) Hold(kind string) (release func()) {
	g := h.explains
	if kind == "lookup" {
		g = h.lookups
	}
	for range cap(g.slots) {
		g.slots <- struct{}{}
	}
	queued := g.queue
	g.waiting.Add(queued)
	return func() {
		g.waiting.Add(-queued)
		for range cap(g.slots) {
			<-g.slots
		}
	}
}

// Load returns how many lookups are worked on and how many wait.
func (h *Handler) Load() (working, waiting int) {
	return len(h.lookups.slots), int(h.lookups.waiting.Load())
}

// FileDoc returns doc as openapi.json holds it: the record types' enums,
// which the handler adds, left out.
func FileDoc(doc any) []byte {
	setTypeEnums(doc, nil)
	return encodeDoc(doc)
}

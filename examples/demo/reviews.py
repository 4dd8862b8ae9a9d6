"""reviews/<period>/<member>.yaml: not generated yet (another session adds it).

When filled in, use its own stream `rng("reviews")`, write with
`common.write(path, doc, log="events")`, and add "reviews" to OWNED in
generate.py so that regeneration replaces the folder."""


def generate(out, world):
    return None

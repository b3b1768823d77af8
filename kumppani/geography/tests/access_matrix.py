from kumppani.core.tests.matrix import api_public, public

PAGES = {
    "geography:municipalities": public(),
    "geography:municipality": public(kwargs=lambda w: {"code": w.municipality.code}),
    "geography:region": public(kwargs=lambda w: {"code": w.region.code}),
    "geography:county": public(kwargs=lambda w: {"code": w.municipality.wellbeing_county.code}),
}
API = {
    "GET /api/v1/municipalities": api_public(),
    "GET /api/v1/municipalities/{code}": api_public(kwargs=lambda w: {"code": w.municipality.code}),
    "GET /api/v1/regions": api_public(),
    "GET /api/v1/wellbeing-counties": api_public(),
}

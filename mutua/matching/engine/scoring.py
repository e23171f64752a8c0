"""The matching engine: ranks offers for a request, from plain data.

Every offer is scored at once as arrays (numpy): a score is a weighted sum of
parts, each between 0 and 1 — text relevance (BM25), shared GBF targets,
modalities and resource types, a common language, geography, cooperation type
(by the rule of `mutua.cooperation.cooperation_type`) and track record. Hard
constraints remove an offer before it is ranked, whatever its score: no common
language, eligibility not met, outside the places served when the provider made
them a limit, no capacity left, expired, or the requester's own organization.
"""

from collections.abc import Iterable
from collections.abc import Mapping

import numpy as np

from mutua.cooperation.cooperation_type import BENEFICIARY
from mutua.cooperation.cooperation_type import CooperationType
from mutua.cooperation.cooperation_type import Participant
from mutua.cooperation.cooperation_type import cooperation_type as _cooperation_type

from .data import GROUPS
from .data import Candidate
from .data import OfferData
from .data import RequestData
from .data import Weights
from .places import Gazetteer
from .places import Place
from .reasons import reasons_for
from .text import TextIndex
from .text import tokens


def _bool_matrix(rows: list[Iterable], index: dict) -> np.ndarray:
    matrix = np.zeros((len(rows), max(len(index), 1)), dtype=bool)
    for i, codes in enumerate(rows):
        for code in codes:
            if code in index:
                matrix[i, index[code]] = True
    return matrix


def _index(values: Iterable) -> dict:
    return {v: i for i, v in enumerate(sorted(set(values), key=str))}


def _share(matrix: np.ndarray, index: dict, wanted: Iterable) -> np.ndarray:
    """For each row, the share of `wanted` codes it has (0 when none are wanted)."""
    wanted = set(wanted)
    columns = [index[c] for c in wanted if c in index]
    if not columns:
        return np.zeros(matrix.shape[0], dtype=np.float32)
    return matrix[:, columns].sum(axis=1, dtype=np.float32) / len(wanted)


class Engine:
    """Offers prepared for ranking; build once, rank many requests."""

    def __init__(
        self,
        offers: list[OfferData],
        places: Mapping[str, Place],
        weights: Weights | None = None,
    ):
        self.offers = offers
        self.places = places
        self.weights = weights or Weights()
        self.position = {offer.id: i for i, offer in enumerate(offers)}
        n = len(offers)
        gazetteer = Gazetteer(places.values())

        self.target_index = _index(t for o in offers for t in o.targets)
        self.modality_index = _index(m for o in offers for m in o.modalities)
        self.resource_index = _index(r for o in offers for r in o.resources)
        self.language_index = _index(lang for o in offers for lang in o.languages)
        self.targets = _bool_matrix([o.targets for o in offers], self.target_index)
        self.modalities = _bool_matrix(
            [o.modalities for o in offers], self.modality_index
        )
        self.resources = _bool_matrix(
            [o.resources for o in offers], self.resource_index
        )
        self.languages = _bool_matrix(
            [o.languages for o in offers], self.language_index
        )
        self.has_languages = self.languages.any(axis=1)
        group_index = {g: i for i, g in enumerate(GROUPS)}
        self.eligibility = _bool_matrix([o.eligibility for o in offers], group_index)
        self.has_eligibility = self.eligibility.any(axis=1)
        self.limited = np.array(
            [o.serves_only and bool(o.serves - {"*"}) and "*" not in o.serves
             for o in offers],
            dtype=bool,
        )  # fmt: skip

        provider = [places.get(o.provider_country) for o in offers]
        self.area_index = _index(
            code
            for p in places.values()
            for code in (p.region, p.subregion, p.intermediate)
            if code
        )
        area = self.area_index.get

        def codes(attr: str) -> np.ndarray:
            return np.array(
                [area(getattr(p, attr), -1) if p else -1 for p in provider],
                dtype=np.int32,
            )

        self.provider_region = codes("region")
        self.provider_subregion = codes("subregion")
        self.provider_intermediate = codes("intermediate")
        # The cooperation type depends on the provider's country and whether it
        # is an intergovernmental body: worked out once per such pair of values.
        provider_keys = [
            (o.provider_country, o.provider_type == "intergovernmental") for o in offers
        ]
        self.provider_kinds = sorted(set(provider_keys))
        kind_index = {key: i for i, key in enumerate(self.provider_kinds)}
        self.provider_kind = np.array(
            [kind_index[key] for key in provider_keys], dtype=np.int32
        )
        self.capacity = np.array(
            [-1 if o.capacity is None else o.capacity for o in offers], dtype=np.int32
        )
        self.expired = np.array([o.expired for o in offers], dtype=bool)
        self.organization_index = _index(
            o.organization for o in offers if o.organization
        )
        self.organization = np.array(
            [self.organization_index.get(o.organization, -1) for o in offers],
            dtype=np.int32,
        )
        self.track_record = np.array(
            [_track_record(o) for o in offers], dtype=np.float32
        )
        # Where each offer says it works, and where its text says it has worked.
        self.serves: dict[str, list[int]] = {}
        self.worked: dict[str, list[int]] = {}
        for i, offer in enumerate(offers):
            for code in offer.serves - {"*"}:
                self.serves.setdefault(code, []).append(i)
            for iso3 in gazetteer.mentioned(f"{offer.title} {offer.description}"):
                self.worked.setdefault(iso3, []).append(i)
        near: dict[str, set[int]] = {}
        for iso3, rows in self.worked.items():
            place = places.get(iso3)
            for code in (
                (place.subregion, place.intermediate, place.region) if place else ()
            ):
                if code:
                    near.setdefault(code, set()).update(rows)
        self.worked_area = {code: sorted(rows) for code, rows in near.items()}
        self.n = n
        self.text = TextIndex([tokens(f"{o.title} {o.description}") for o in offers])

    # Ranking ---------------------------------------------------------------------

    def allowed(self, request: RequestData) -> np.ndarray:
        """The offers the hard constraints leave for this request."""
        ok = ~self.expired & (self.capacity != 0)
        own = self.organization_index.get(request.organization, -2)
        ok &= self.organization != own
        if request.languages:
            shared = _share(self.languages, self.language_index, request.languages) > 0
            ok &= ~self.has_languages | shared
        place = self.places.get(request.country)
        groups = [
            GROUPS.index(g) for g in (place.groups if place else ()) if g in GROUPS
        ]
        eligible = (
            self.eligibility[:, groups].any(axis=1)
            if groups
            else np.zeros(self.n, dtype=bool)
        )
        ok &= ~self.has_eligibility | eligible
        served = np.zeros(self.n, dtype=bool)
        codes = (
            (place.iso3, place.region, place.subregion, place.intermediate)
            if place
            else (request.country,)
        )
        for code in codes:
            if code and code in self.serves:
                served[self.serves[code]] = True
        ok &= ~self.limited | served
        return ok

    def parts(self, request: RequestData) -> dict[str, np.ndarray]:
        """Each part of the fit, for every offer, between 0 and 1."""
        n = self.n
        zeros = np.zeros(n, dtype=np.float32)
        text = self.text.scores(tokens(f"{request.title} {request.description}"))
        top = float(text.max()) if n else 0.0
        place = self.places.get(request.country)
        found = {
            "text": text / top if top > 0 else zeros,
            "targets": _share(self.targets, self.target_index, request.targets),
            "modalities": _share(
                self.modalities, self.modality_index, request.modalities
            ),
            "resources": _share(self.resources, self.resource_index, request.resources),
            "language": (
                (
                    _share(self.languages, self.language_index, request.languages) > 0
                ).astype(np.float32)
                if request.languages
                else zeros
            ),
            "track_record": self.track_record,
        }
        found |= (
            self._geography(place)
            if place
            else dict.fromkeys(
                (
                    "subregion",
                    "region",
                    "serves",
                    "worked_there",
                    "south_south",
                    "triangular",
                ),
                zeros,
            )
        )
        return found

    def _geography(self, place: Place) -> dict[str, np.ndarray]:
        area = self.area_index.get
        subregion = area(place.subregion, -2)
        intermediate = area(place.intermediate, -2)
        same_subregion = (self.provider_subregion == subregion) | (
            self.provider_intermediate == intermediate
        )
        same_region = self.provider_region == area(place.region, -2)
        serves = self._reach(
            self.serves,
            (
                (place.region, 0.6),
                (place.subregion, 0.8),
                (place.intermediate, 0.8),
                (place.iso3, 1.0),
            ),
        )
        worked = self._reach(
            self.worked_area,
            ((place.region, 0.25), (place.subregion, 0.5), (place.intermediate, 0.5)),
        )
        if place.iso3 in self.worked:
            worked[self.worked[place.iso3]] = 1.0
        kinds = np.array(
            [
                pair_type(place, self.places.get(iso3), intergovernmental)
                for iso3, intergovernmental in self.provider_kinds
            ],
            dtype=object,
        )[self.provider_kind]
        south_south = kinds == CooperationType.SOUTH_SOUTH
        triangular = kinds == CooperationType.TRIANGULAR
        return {
            "subregion": same_subregion.astype(np.float32),
            "region": same_region.astype(np.float32),
            "serves": serves,
            "worked_there": worked,
            "south_south": south_south.astype(np.float32),
            "triangular": triangular.astype(np.float32),
        }

    def _reach(
        self, rows_of: dict[str, list[int]], shares: Iterable[tuple[str, float]]
    ) -> np.ndarray:
        """For every offer, the greatest share of the areas `rows_of` lists it under."""
        reach = np.zeros(self.n, dtype=np.float32)
        for code, share in shares:
            rows = rows_of.get(code) if code else None
            if rows:
                reach[rows] = np.maximum(reach[rows], share)
        return reach

    def scores(self, request: RequestData) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Every offer's score (-inf where a hard constraint excludes it), and parts."""
        parts = self.parts(request)
        total = np.zeros(self.n, dtype=np.float32)
        for name, values in parts.items():
            total += getattr(self.weights, name) * values
        total[~self.allowed(request)] = -np.inf
        return total, parts

    def rank(self, request: RequestData, k: int = 10) -> list[Candidate]:
        """The best `k` offers for a request, best first, with their reasons."""
        if not self.n or k < 1:
            return []
        total, parts = self.scores(request)
        k = min(k, self.n)
        best = np.argpartition(-total, k - 1)[:k]
        best = best[np.lexsort((best, -total[best]))]
        return [
            self._candidate(request, int(i), total, parts)
            for i in best
            if np.isfinite(total[i])
        ]

    def _candidate(self, request, i, total, parts) -> Candidate:
        offer = self.offers[i]
        values = {name: round(float(part[i]), 4) for name, part in parts.items()}
        return Candidate(
            offer.id,
            round(float(total[i]), 4),
            values,
            tuple(reasons_for(request, offer, values, self.places)),
        )


def pair_type(
    requester: Place, provider: Place | None, intergovernmental: bool
) -> CooperationType | None:
    """The cooperation type of the partnership a match would form: the requester
    as beneficiary, the offer's provider as provider, by the one rule of
    `mutua.cooperation.cooperation_type` (so a provider in the requester's own country is
    never South-South, and an intergovernmental provider gives no type)."""
    return _cooperation_type(
        [
            Participant(BENEFICIARY, requester.iso3, requester.developing),
            Participant(
                "provider",
                provider.iso3 if provider else "",
                provider.developing if provider else None,
                intergovernmental=intergovernmental,
            ),
        ]
    )


def _track_record(offer: OfferData) -> float:
    """Completed and accepted matches against declined ones, smoothed towards 1/2."""
    good = offer.completed + 0.5 * offer.accepted
    return (good + 1) / (offer.completed + offer.accepted + offer.declined + 2)

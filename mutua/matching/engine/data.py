"""The engine's plain data: requests, offers, the weights of the parts of a fit,
and the candidates it ranks, with the fields of `shared/benchmarks/FORMAT.md`."""

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from dataclasses import fields

GROUPS = ("LDC", "LLDC", "SIDS", "developing")


@dataclass(frozen=True)
class _RecordData:
    """What requests and offers both say: their words, and the targets, modalities,
    resource types and languages that the scoring compares."""

    id: str
    title: str
    description: str = ""
    targets: frozenset[int] = frozenset()
    modalities: frozenset[str] = frozenset()
    resources: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    organization: str = ""


@dataclass(frozen=True)
class OfferData(_RecordData):
    provider_country: str = ""
    provider_type: str = ""
    serves: frozenset[str] = frozenset()  # M49 or ISO alpha-3 codes; empty or "*": all
    serves_only: bool = False  # the provider's choice: `serves` is a limit
    eligibility: frozenset[str] = frozenset()  # groups of GROUPS; empty: anyone
    capacity: int | None = None  # places left; None: not limited
    expired: bool = False
    accepted: int = 0  # matches accepted, completed and declined so far
    completed: int = 0
    declined: int = 0


@dataclass(frozen=True)
class RequestData(_RecordData):
    country: str = ""


@dataclass(frozen=True)
class Weights:
    """How much each part of the fit counts; the secretariat may change them."""

    text: float = 3.0
    targets: float = 2.0
    modalities: float = 1.0
    resources: float = 1.0
    language: float = 0.5
    subregion: float = 1.0
    region: float = 0.5
    serves: float = 0.5
    worked_there: float = 1.5
    south_south: float = 0.75
    triangular: float = 0.5
    track_record: float = 0.5

    @classmethod
    def from_mapping(cls, values: Mapping[str, float]) -> "Weights":
        """Weights from stored settings; unknown names and non-numbers are refused."""
        names = {f.name for f in fields(cls)}
        unknown = set(values) - names
        if unknown:
            raise ValueError(f"Unknown weights: {', '.join(sorted(unknown))}.")
        for name, value in values.items():
            if not isinstance(value, int | float) or not 0 <= value <= 100:
                raise ValueError(f"The weight {name} must be a number from 0 to 100.")
        return cls(**{k: float(v) for k, v in values.items()})


PARTS = tuple(f.name for f in fields(Weights))


@dataclass(frozen=True)
class Candidate:
    """One offer for a request: its score, the parts of it, and what they mean."""

    offer_id: str
    score: float
    parts: dict[str, float]
    reasons: tuple[tuple, ...] = field(default=())

"""The learner: learning resources and catalogues, resource plans at one's own pace,
profiles and their progress, group outcomes, and advice by aspiration.

Everything here is reached from the package root too (``sg.LearningResource``,
``sg.plan_resources``...).
"""

from __future__ import annotations

from .advice import Advice, AdviceOption, Aspiration, advise
from .planning import Milestone, Preferences, ResourcePlan, ScheduledResource, plan_resources
from .profiles import EvidenceKind, HeldSkill, Profile, ProfileHistory, read_history, read_profile
from .resources import (
    Catalogue,
    Delivery,
    LearningResource,
    Proficiency,
    ResourceKind,
    Teaches,
    bundled_catalogue,
    read_catalogue,
)
from .tracking import (
    Acquired,
    LateMilestone,
    Outcomes,
    PersonOutcome,
    Progress,
    ProgressPoint,
    outcomes,
    progress,
)

__all__ = [
    "Acquired",
    "Advice",
    "AdviceOption",
    "Aspiration",
    "Catalogue",
    "Delivery",
    "EvidenceKind",
    "HeldSkill",
    "LateMilestone",
    "LearningResource",
    "Milestone",
    "Outcomes",
    "PersonOutcome",
    "Preferences",
    "Proficiency",
    "Profile",
    "ProfileHistory",
    "Progress",
    "ProgressPoint",
    "ResourceKind",
    "ResourcePlan",
    "ScheduledResource",
    "Teaches",
    "advise",
    "bundled_catalogue",
    "outcomes",
    "plan_resources",
    "progress",
    "read_catalogue",
    "read_history",
    "read_profile",
]

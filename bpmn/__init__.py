"""BPMN process models and the SpiffWorkflow adapter.

The only package that imports SpiffWorkflow. Imports nothing else of ours. Knows nothing of
databases, HTTP or people: it parses and validates models (``ProcessLibrary``), runs instances
(``Workflow``), and turns their state into JSON and back (``StateCodec``).
"""

from .approval import ApprovalPlan, ItemPlan, Lane, StagePlan, approval_models
from .errors import (
    BpmnError,
    HostFunctionError,
    ModelInvalid,
    ScriptRejected,
    StateUnloadable,
    TaskNotFound,
    TaskNotReady,
    WorkflowFailed,
)
from .library import PROCESSES_DIR, ProcessLibrary, UserTaskSpec, digest
from .runner import Workflow
from .state import SERIALIZER_VERSION, StateCodec, started_processes
from .tasks import DueTimer, HumanTask

__all__ = [
    "PROCESSES_DIR",
    "SERIALIZER_VERSION",
    "ApprovalPlan",
    "BpmnError",
    "DueTimer",
    "HostFunctionError",
    "HumanTask",
    "ItemPlan",
    "Lane",
    "ModelInvalid",
    "ProcessLibrary",
    "ScriptRejected",
    "StagePlan",
    "StateCodec",
    "StateUnloadable",
    "TaskNotFound",
    "TaskNotReady",
    "UserTaskSpec",
    "Workflow",
    "WorkflowFailed",
    "approval_models",
    "digest",
    "started_processes",
]

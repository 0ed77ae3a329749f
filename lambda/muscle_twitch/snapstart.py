"""Lambda SnapStart runtime hooks (template.yaml: EnableSnapStart; docs/deploy.md, "SnapStart").

With SnapStart, Lambda initialises a published version once, snapshots the environment, and
resumes each new environment from that snapshot, possibly many at once and hours later.
Before the snapshot the skill is built (the cause table loaded and validated, the handlers and
the persistence adapter made) so that every restored environment starts with it. After each
restore, what belongs to the environment that was snapshotted is reset: the store's network
client and session and its back-off timer.

The hooks come from `snapshot_restore_py`, which Lambda's Python runtimes provide; where it
is missing (tests, the simulator, the web service) nothing is registered. Lambda runs only the
hooks registered while it imports the handler, so lambda_function imports this module.
"""

from muscle_twitch.skill.builder import get_skill


def build_skill_into_snapshot() -> None:
    get_skill()


def reset_after_restore() -> None:
    from muscle_twitch.persistence.restore import reset_after_restore as reset_store

    reset_store(get_skill().persistence_adapter)


def register_hooks() -> bool:
    """Registers both hooks with the Lambda runtime; False where there is none to register with."""
    try:
        from snapshot_restore_py import register_after_restore, register_before_snapshot
    except ImportError:
        return False
    register_before_snapshot(build_skill_into_snapshot)
    register_after_restore(reset_after_restore)
    return True


register_hooks()

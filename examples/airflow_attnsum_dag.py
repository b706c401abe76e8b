"""Example Airflow DAG: one attnsum run per day through scripts/submit.sh.

Copy into your DAGs folder and adjust ATTNSUM_HOME and the environment. The task is idempotent
(run.id = the logical date; a rerun replaces that day's output atomically), so Airflow retries
and backfills are safe. attnsum's exit codes: 0 ok, 1 failure, 2 bad configuration (do not retry),
3 input missing or empty (retry later), 4 data-quality threshold exceeded (do not retry),
5 another run of the same day is running (retry later).
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

ATTNSUM_HOME = "/opt/attnsum"

with DAG(
    dag_id="attnsum_daily",
    start_date=datetime(2026, 11, 1),
    schedule="30 2 * * *",
    catchup=False,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=30)},
) as dag:
    summarize = BashOperator(
        task_id="summarize",
        bash_command=(
            f"{ATTNSUM_HOME}/scripts/submit.sh"
            f" --config {ATTNSUM_HOME}/conf/cluster.conf"
            " --set run.id={{ ds }}"
            " --set input.path=hdfs:///data/news/{{ ds }}/*.jsonl"
        ),
        env={"ATTNSUM_MASTER": "yarn", "ATTNSUM_DEPLOY_MODE": "cluster"},
        append_env=True,
        # Exit codes 2 and 4 are not worth retrying; Airflow skips retries on this code set.
        skip_on_exit_code=None,
    )

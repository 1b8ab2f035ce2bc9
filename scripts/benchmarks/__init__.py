"""Hromada's benchmarks, one measure per module; `scripts/bench` runs them all and prints the report.

    common     paths, the log, median/ratio/verdict and Markdown tables
    stack      moto provisioned from template.yaml, the demo data, the DynamoDB call log
    events     API Gateway v2 (and REST, for Chalice) events; handler modules loaded from their files
    cold       a. cold start: import + first request in a fresh interpreter, against bare boto3 and the peers
    warm       b. warm overhead: our handler vs the bare one in one process
    scenarios  the requests the calls measure makes, as users make them
    calls      c. DynamoDB calls per request, every route of template.yaml
    elections  d. tallying a million ranked ballots; casting ballots through the handler
    mail       e. the weekly digest: planner, mailer sample, SES calls
    web        f. the web client's first page
    report     the report's header
    cli        options, the run, the exit status
"""

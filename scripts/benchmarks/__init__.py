"""Hromada's benchmarks, one measure per module; `scripts/bench` runs them all and prints the report.

    common     paths, the log, median/ratio/verdict and Markdown tables
    stack      moto provisioned from template.yaml, the demo data, the DynamoDB call log
    events     API Gateway v2 (and REST, for Chalice) events; handler modules loaded from their files
    cold       a. cold start: import + first request in a fresh interpreter, against bare boto3 and the peers
    warm       b. warm overhead: our handler vs the bare one in one process
    scenarios  the requests the calls measure makes, as users make them
    calls      c. DynamoDB calls and request units per request, every route of template.yaml; the goals
               (reads: one call; writes: at most one read + one TransactWriteItems)
    elections  d. casting ballots through the handler; tallying a million ranked ballots, each count in a
               fresh process (tally_child: time and peak memory)
    mail       e. the weekly digest: planner (and its scaling with the groups), the queue, a mailer sample,
               SES calls; reach at the production quota and the cost per 100,000 recipients
    web        f. the web client's first page
    monthly    g. the stack's monthly cost for the expected use
    cost       the cost arithmetic (request units, the digest's and the month's bills), pure
    prices     each AWS price: unit, region, source, date read
    report     the report's header and the Goals section
    cli        options, the run, the exit status
"""

"""AWS list prices the cost figures use: each with its unit, region, source and the date it was read.

The stack runs in eu-west-3 (Paris). There was no internet access when these were gathered: each price was
read from a stored copy of a public page (the source given), on the date given. Where no page gave the
Paris price, the region says which price is used instead (mostly us-east-1, where AWS's own examples are);
Paris prices are the same or up to about 15 % higher. A price marked "(not re-checked)" is one no stored page
confirmed: the figure AWS published when last seen, kept as best knowledge.
"""

from __future__ import annotations

from dataclasses import dataclass

READ_ON = "2026-12-06"
US_EAST_1 = "us-east-1 (no Paris price found)"
ANY_REGION = "every region (same price)"


@dataclass(frozen=True)
class Price:
    service: str
    item: str
    usd: float  # dollars for `per` units
    per: float  # how many units `usd` buys (1e6: per million)
    unit: str  # the unit counted, singular ("request", "GB-second")
    region: str
    source: str
    read_on: str = READ_ON
    free: float = 0.0  # units a month in the always-free tier (0: none, or only for 12 months)
    checked: bool = True  # False: no stored page confirmed it ("(not re-checked)")

    def cost(self, quantity: float, *, free_tier: bool = False) -> float:
        """Dollars for `quantity` units; with `free_tier`, the always-free monthly units are taken off first."""
        billable = max(0.0, quantity - self.free) if free_tier else max(0.0, quantity)
        return billable * self.usd / self.per

    def describe(self) -> str:
        """"$0.40 per 1,000,000 × request": the price, plainly (no exponent, no plural to guess)."""
        usd = f"{self.usd:.10f}".rstrip("0").rstrip(".")
        return f"${usd} per {self.per:,.0f} × {self.unit}" if self.per != 1 else f"${usd} per {self.unit}"


PRICES: dict[str, Price] = {p.item: p for p in [
    Price("Lambda", "lambda_gb_second", 0.0000166667, 1, "GB-second", US_EAST_1 + ", x86_64 (the template's)",
          "https://aws.amazon.com/lambda/pricing/ ; https://cloudchipr.com/blog/aws-lambda-pricing", free=400_000),
    Price("Lambda", "lambda_request", 0.20, 1e6, "request", US_EAST_1,
          "https://aws.amazon.com/lambda/pricing/ ; https://cloudchipr.com/blog/aws-lambda-pricing", free=1_000_000,
          checked=False),
    Price("Lambda", "snapstart_cache", 0.0000015046, 1, "GB-second of cached snapshot", US_EAST_1,
          "https://awsnegotiations.com/blog/lambda-snapstart-cost-impact/"),
    Price("Lambda", "snapstart_restore", 0.0001397998, 1, "GB restored", US_EAST_1,
          "https://awsnegotiations.com/blog/lambda-snapstart-cost-impact/"),
    Price("DynamoDB", "dynamodb_write_unit", 0.625, 1e6, "write request unit", US_EAST_1 + ", on-demand, after the "
          "November 2024 halving", "https://airbyte.com/data-engineering-resources/dynamodb-pricing"),
    Price("DynamoDB", "dynamodb_read_unit", 0.125, 1e6, "read request unit", US_EAST_1 + ", on-demand",
          "https://airbyte.com/data-engineering-resources/dynamodb-pricing"),
    Price("DynamoDB", "dynamodb_storage", 0.25, 1, "GB-month", US_EAST_1, "https://aws.amazon.com/dynamodb/pricing/",
          free=25, checked=False),
    Price("DynamoDB", "dynamodb_pitr", 0.20, 1, "GB-month of continuous backup", US_EAST_1,
          "https://aws.amazon.com/dynamodb/pricing/", checked=False),
    Price("SQS", "sqs_request", 0.40, 1e6, "request (64 KB chunk)", US_EAST_1 + ", standard queue",
          "https://cloudburn.io/blog/amazon-sqs-pricing", free=1_000_000),
    Price("SES", "ses_mail", 0.10, 1e3, "mail", ANY_REGION + " (not re-checked for Paris)",
          "https://www.acecloudinterviews.com/tutorials/aws/ses/ ; https://aws.amazon.com/ses/pricing/"),
    Price("API Gateway", "http_api_request", 1.00, 1e6, "HTTP API request (512 KB)", US_EAST_1 + ", first 300 M",
          "https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/"
          "cost-optimization.html"),
    Price("Secrets Manager", "secret_month", 0.40, 1, "secret-month", ANY_REGION,
          "https://hivebook.wiki/wiki/aws-secrets-manager-rotated-secrets-dynamic-db-credentials-kms"),
    Price("Secrets Manager", "secret_api_call", 0.05, 1e4, "API call", ANY_REGION,
          "https://hivebook.wiki/wiki/aws-secrets-manager-rotated-secrets-dynamic-db-credentials-kms"),
    Price("KMS", "kms_key_month", 1.00, 1, "customer managed key-month", ANY_REGION, "https://aws.amazon.com/kms/pricing/"),
    Price("KMS", "kms_request", 0.03, 1e4, "request", ANY_REGION, "https://www.wring.co/blog/aws-kms-pricing-guide",
          free=20_000),
    Price("CloudWatch", "logs_ingested_gb", 0.50, 1, "GB ingested", US_EAST_1 + ", standard log class",
          "https://c3x.dev/blog/cloudwatch-logs-cost-optimization", free=5),
    Price("CloudWatch", "logs_stored_gb_month", 0.03, 1, "GB-month stored", US_EAST_1,
          "https://c3x.dev/blog/cloudwatch-logs-cost-optimization"),
    Price("CloudWatch", "custom_metric_month", 0.30, 1, "custom metric-month", US_EAST_1 + ", first 10,000",
          "https://aws.amazon.com/cloudwatch/pricing/", free=10, checked=False),
    Price("CloudWatch", "alarm_month", 0.10, 1, "standard alarm-month", US_EAST_1,
          "https://aws.amazon.com/cloudwatch/pricing/", free=10, checked=False),
    Price("X-Ray", "xray_trace", 5.00, 1e6, "trace recorded", ANY_REGION + " (the published example's)",
          "https://aws.amazon.com/de/xray/pricing/", free=100_000),
    Price("EventBridge", "scheduler_invocation", 1.00, 1e6, "Scheduler invocation", US_EAST_1,
          "https://cloudburn.io/blog/amazon-eventbridge-pricing", free=14_000_000),
    Price("EventBridge", "custom_event", 1.00, 1e6, "custom event published", US_EAST_1,
          "https://cloudburn.io/blog/amazon-eventbridge-pricing"),
    Price("CloudFront", "cloudfront_gb", 0.085, 1, "GB out to Europe", "edge: Europe, first 10 TB",
          "https://aws.amazon.com/cloudfront/pricing", free=1024),
    Price("CloudFront", "cloudfront_request", 0.012, 1e4, "HTTPS request", "edge: Europe",
          "https://aws.amazon.com/cloudfront/pricing", free=10_000_000, checked=False),
    Price("S3", "s3_gb_month", 0.024, 1, "GB-month (Standard)", "eu-west-3", "https://aws.amazon.com/s3/pricing/",
          checked=False),
    Price("Cognito", "cognito_mau", 0.015, 1, "monthly active user (Essentials, the default tier)", US_EAST_1,
          "https://c3x.dev/resources/aws/aws_cognito_user_pool/ ; https://aws.amazon.com/cognito/pricing/",
          free=10_000, checked=False),
]}


def price(item: str) -> Price:
    return PRICES[item]

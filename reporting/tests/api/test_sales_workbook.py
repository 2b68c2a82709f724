import pytest
from openpyxl.chart import BarChart, LineChart

from reporting.tests.data import sales_data
from reporting.tests.helpers import open_workbook, sheet_rows, summary_values

pytestmark = pytest.mark.django_db


def test_sales_workbook_over_the_api_has_every_sheet_formatted_with_charts(client_for, manager):
    sales_data()
    response = client_for(manager).get("/v1/reports/sales?from=2026-03-01&to=2026-03-31")
    assert response.status_code == 200
    wb = open_workbook(response.content)
    assert wb.sheetnames == [
        "Summary",
        "By day",
        "By week",
        "By month",
        "By country",
        "By customer type",
    ]
    ws = wb["By country"]
    assert sheet_rows(ws)[0] == [
        "Country",
        "Currency",
        "Orders",
        "Units",
        "Goods (net of VAT)",
        "Shipping",
        "VAT",
        "Revenue",
        "Refunds",
        "Net revenue",
        "Average order value",
    ]
    assert sheet_rows(ws)[1][:4] == ["DE", "EUR", 2, 5]
    assert ws["J2"].value == 650 and ws["J2"].number_format == "[$EUR ]#,##0.00_-"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:K3"
    assert wb["By day"]["A2"].number_format == "yyyy-mm-dd"
    summary = summary_values(wb)
    assert summary["Net revenue (EUR)"] == 920
    assert summary["Average order value (EUR)"] == 333.33
    charts = wb["Summary"]._charts
    assert [type(c) for c in charts] == [LineChart, BarChart]


def test_sales_csv_by_country_and_streamed_lines(client_for, manager):
    sales_data()
    client = client_for(manager)
    by_country = client.get(
        "/v1/reports/sales?from=2026-03-01&to=2026-03-31&format=csv"
        "&table=by_country&customer_type=b2c"
    ).content.decode()
    assert by_country.splitlines() == [
        "Country,Currency,Orders,Units,Goods (net of VAT),Shipping,VAT,Revenue,Refunds,"
        "Net revenue,Average order value",
        "DE,EUR,1,2,200.00,0.00,0.00,200.00,0.00,200.00,200.00",
        "FR,EUR,1,1,200.00,50.00,50.00,300.00,30.00,270.00,300.00",
    ]
    lines = client.get("/v1/reports/sales?from=2026-03-01&to=2026-03-31&format=csv&table=lines")
    assert lines.streaming
    body = b"".join(lines.streaming_content).decode().splitlines()
    assert len(body) == 5
    assert body[3].startswith(
        "VWB-2026-000003,2026-03-10 12:00:00+00,processing,b2b,DE,EUR,"
        "P1,Bordeaux barrique,2,180.00,360.00"
    )


def test_report_list_endpoint_is_one_query_free_of_the_database(
    client_for, manager, django_assert_max_num_queries
):
    client = client_for(manager)
    with django_assert_max_num_queries(3):  # user + permissions
        response = client.get("/v1/reports")
    assert {r["name"] for r in response.json()} >= {"sales", "inventory", "customers", "products"}

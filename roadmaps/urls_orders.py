from django.urls import path

from .views import orders

urlpatterns = [
    path("<slug:district_slug>/roadmaps/<int:pk>/order/new/", orders.order_new, name="order_new"),
    path("<slug:district_slug>/roadmaps/<int:pk>/export.xlsx", orders.roadmap_export_xlsx,
         name="roadmap_export_xlsx"),
    path("<slug:district_slug>/orders/<int:pk>/", orders.order_detail, name="order_detail"),
    path("<slug:district_slug>/orders/<int:pk>/edit/", orders.order_edit, name="order_edit"),
    path("<slug:district_slug>/orders/<int:pk>/render/", orders.order_render, name="order_render"),
    path("<slug:district_slug>/orders/<int:pk>/status/", orders.order_status, name="order_status"),
    path("<slug:district_slug>/orders/<int:pk>/scan/", orders.order_upload_scan,
         name="order_upload_scan"),
    path("<slug:district_slug>/orders/<int:pk>/order.pdf", orders.order_download,
         {"kind": "pdf"}, name="order_pdf"),
    path("<slug:district_slug>/orders/<int:pk>/order.docx", orders.order_download,
         {"kind": "docx"}, name="order_docx"),
    path("<slug:district_slug>/orders/<int:pk>/scan/file/", orders.order_download,
         {"kind": "scan"}, name="order_scan"),
]

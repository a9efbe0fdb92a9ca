"""Every address of the roadmaps app. Each carries the tenant: /<district_slug>/…, or
/region/<slug>/ for a region. Uploaded and rendered files are never served as /media/:
every download goes through a view that checks access (orders, scans)."""
from django.urls import path

from .views import home, imports, measures, orders, programme_lists, roadmaps, sections
from .views import comments
from .views import programme_setup as setup
from .views import programmes

D = "<slug:district_slug>/"
R = D + "roadmaps/<int:pk>/"
M = D + "measures/<int:pk>/"
S = D + "sections/<int:pk>/"
ORD = D + "orders/<int:pk>/"

urlpatterns = [
    path("", home.home, name="home"),
    path("region/<slug:region_slug>/", home.region_detail, name="region_detail"),
    path("region/<slug:region_slug>/programmes/", programme_lists.region_programmes,
         name="region_programmes"),
    # roadmaps
    path(D + "roadmaps/", roadmaps.roadmap_list, name="roadmap_list"),
    path(D + "programmes/", programme_lists.district_programmes, name="district_programmes"),
    path(D + "roadmaps/new/", roadmaps.roadmap_new, name="roadmap_new"),
    path(R, roadmaps.roadmap_detail, name="roadmap_detail"),
    path(R + "settings/", roadmaps.roadmap_settings, name="roadmap_settings"),
    path(R + "copy/", roadmaps.roadmap_copy, name="roadmap_copy"),
    path(R + "archive/", roadmaps.roadmap_archive, name="roadmap_archive"),
    path(R + "history/", roadmaps.roadmap_history, name="roadmap_history"),
    path(R + "history/<int:record_id>/restore/", measures.record_restore, name="record_restore"),
    path(R + "deadline-preview/", measures.deadline_preview, name="deadline_preview"),
    path(R + "export.xlsx", orders.roadmap_export_xlsx, name="roadmap_export_xlsx"),
    # a school programme's cycle (services/workflow.py)
    path(R + "transition/", programmes.programme_transition, name="programme_transition"),
    path(R + "timeline/", programmes.programme_timeline, name="programme_timeline"),
    path(R + "submissions/<int:number>/programme.pdf", programmes.submission_pdf,
         name="submission_pdf"),
    path(R + "submissions/<int:number>/render/", programmes.submission_render_retry,
         name="submission_render_retry"),
    path(R + "submissions/<int:number>/changes/", programmes.submission_changes,
         name="submission_changes"),
    # comments on a school programme and its measures
    path(R + "comments/", comments.programme_comments, name="programme_comments"),
    path(R + "comments/new/", comments.comment_new, name="comment_new"),
    path(R + "comments/measures/<int:measure_pk>/", comments.comment_measure,
         name="comment_measure"),
    path(R + "comments/<int:comment_pk>/reply/", comments.comment_reply_view,
         name="comment_reply"),
    path(R + "comments/<int:comment_pk>/resolve/", comments.comment_resolve_view,
         name="comment_resolve"),
    # measures
    path(R + "measures/new/", measures.measure_new, name="measure_new"),
    path(M, measures.measure_row, name="measure_row"),
    path(M + "edit/", measures.measure_edit, name="measure_edit"),
    path(M + "menu/", measures.measure_menu, name="measure_menu"),
    path(M + "move/", measures.measure_move, name="measure_move"),
    path(M + "delete/", measures.measure_delete, name="measure_delete"),
    path(M + "history/", roadmaps.measure_history, name="measure_history"),
    # sections
    path(R + "sections/new/", sections.section_new, name="section_new"),
    path(S, sections.section_row, name="section_row"),
    path(S + "edit/", sections.section_edit, name="section_edit"),
    path(S + "menu/", sections.section_menu, name="section_menu"),
    path(S + "move/", sections.section_move, name="section_move"),
    path(S + "delete/", sections.section_delete, name="section_delete"),
    # import
    path(D + "imports/roadmap/", imports.roadmap_import_upload, name="roadmap_import"),
    path(D + "imports/roadmap/<str:token>/", imports.roadmap_import_preview,
         name="roadmap_import_preview"),
    path(D + "imports/roadmap/<str:token>/cancel/", imports.roadmap_import_cancel,
         name="roadmap_import_cancel"),
    # orders
    path(R + "order/new/", orders.order_new, name="order_new"),
    path(ORD, orders.order_detail, name="order_detail"),
    path(ORD + "edit/", orders.order_edit, name="order_edit"),
    path(ORD + "render/", orders.order_render, name="order_render"),
    path(ORD + "status/", orders.order_status, name="order_status"),
    path(ORD + "scan/", orders.order_upload_scan, name="order_upload_scan"),
    path(ORD + "order.pdf", orders.order_download, {"kind": "pdf"}, name="order_pdf"),
    path(ORD + "order.docx", orders.order_download, {"kind": "docx"}, name="order_docx"),
    path(ORD + "scan/file/", orders.order_download, {"kind": "scan"}, name="order_scan"),
    path(ORD + "scan/confirm/", orders.order_confirm_scan, name="order_confirm_scan"),
    path(ORD + "scan/discard/", orders.order_discard_scan, name="order_discard_scan"),
    path(ORD + "scan/pending/", orders.order_download, {"kind": "pending_scan"},
         name="order_pending_scan"),
    path(ORD + "scan/page1.png", orders.order_scan_thumbnail, {"which": "signed"},
         name="order_scan_thumbnail"),
    path(ORD + "scan/pending/page1.png", orders.order_scan_thumbnail, {"which": "pending"},
         name="order_pending_scan_thumbnail"),
    # setting up school programmes: for a list, the risk profile, from a template
    path(D + "lists/<int:pk>/programmes/new/", setup.programmes_new,
         name="programmes_new"),
    path(D + "schools/<int:pk>/risk-profile/", setup.risk_profile_current,
         name="risk_profile_current"),
    path(D + "schools/<int:pk>/risk-profile/<int:year>/", setup.risk_profile,
         name="risk_profile"),
    path(R + "template/", setup.programme_template, name="programme_template"),
    # the district's and a school's pages (last: `<district_slug>/` catches the rest)
    path(D, home.district_detail, name="district_detail"),
    path(D + "schools/<int:pk>/", home.school_detail, name="school_detail"),
]

-- Customer service looks orders up by the receiver's name and the last four digits of the phone
-- (GET /api/v1/orders?q=陈先生 6677): an expression index, so the lookup does not read every order.
CREATE INDEX hub_order_receiver ON hub_order ((order_json -> 'receiver' ->> 'name'),
                                              right(order_json -> 'receiver' ->> 'phone', 4));
-- ... and by the waybill a carrier or WMS reported
CREATE INDEX order_status_waybill ON order_status (waybill_no) WHERE waybill_no IS NOT NULL;

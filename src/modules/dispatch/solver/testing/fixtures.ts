// A Solomon-format day small enough to read at a glance.
export const SMALL_SOLOMON = `TINY1

VEHICLE
NUMBER     CAPACITY
  3         20

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      0          0          0          0        200          0
    1      3          4         10          0         50         10
    2      6          8          5         20         80         10
    3     -3         -4         10          0        100         10
    4      0         10          8         10        120          5
`;


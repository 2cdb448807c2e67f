import { qrCodeEndpoint } from "@/lib/public/qr-endpoint";

export const GET = qrCodeEndpoint;

import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <AuthCard title="Forgot password" description="Enter the email address you use for Staffroom and we will send you a link to set a new password.">
      <ForgotPasswordForm />
    </AuthCard>
  );
}
